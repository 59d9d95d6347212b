import { Result } from 'antd';
import { mount } from '../components/AppRoot';

// Bare frame until its issue lands; it already runs in the same hosts as the clerk window.
mount(<Result status="info" title="自助取号" subTitle="取号机页面将在排队叫号功能上线后启用。" style={{ marginTop: '15vh' }} />);
