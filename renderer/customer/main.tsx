import { mount } from '../components/AppRoot';
import { CustomerApp } from './CustomerApp';
import './customer.css';

mount(<CustomerApp />);
