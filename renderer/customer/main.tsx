import { Result } from 'antd';
import { mount } from '../components/AppRoot';

// Bare frame until its issue lands; it already runs in the same hosts as the clerk window.
mount(<Result status="info" title="欢迎办理业务" subTitle="本窗口评价屏，办理过程中将在此显示您的办理信息。" style={{ marginTop: '15vh' }} />);
